"""Pure chart functions: plain data in, a matplotlib Figure (or PNG/SVG bytes) out. No DB, no Qt."""

"""Pure report builders: plain data (+ chart images) in, a PDF out (reportlab). No DB, no Qt."""

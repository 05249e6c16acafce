"""The claims capability (NDIS funding and claims, issue 19): ``types`` (what the window may
import), ``service`` (use cases), with pricing, lines, bulk_file, setup, funding, reference and
rows behind it."""

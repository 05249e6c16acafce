"""The printed reports' page geometry, in points, without importing reportlab: the chart
sizing (``services/printing/charts.py``) reads it to draw each picture at its printed size,
and the reports lay their pages out with it."""

from __future__ import annotations

INCH = 72.0
MM = INCH / 2.54 * 0.1  # as reportlab.lib.units computes it, so the pages come out the same

PLAN_MARGIN = 20 * MM  # the plan pack's page margin
REVIEW_MARGIN = 18 * MM  # the review report's
# Normal print: the plan pack's radar grows into the room the page has left, between these.
PLAN_RADAR_MAX, PLAN_RADAR_MIN = 110 * MM, 85 * MM

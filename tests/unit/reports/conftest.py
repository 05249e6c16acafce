"""Fixtures for the report tests (the sample data lives in report_samples.py)."""

from __future__ import annotations

import pytest
from report_samples import plan_data, review_data

from recoverydesk.reports.data import PlanPackData, ReviewReportData


@pytest.fixture
def sample_plan() -> PlanPackData:
    return plan_data()


@pytest.fixture
def sample_review() -> ReviewReportData:
    return review_data()

"""One resource in full, as the directory's detail pane shows it."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtWidgets import QTextBrowser, QWidget

from recoverydesk.services.resources.types import FIELD_LABELS, ResourceDTO
from recoverydesk.ui import theme
from recoverydesk.ui.widgets.common import format_date


def resource_html(r: ResourceDTO, tr: Callable[[str], str]) -> str:
    esc = html.escape
    muted, attention = theme.muted().name(), theme.attention().name()
    parts = [
        f"<h2 style='margin-bottom:2px'>{esc(r.name)}</h2>",
        f"<p style='color:{muted};margin-top:0'>{esc(tr(r.category_label))}"
        + (f" · {esc(tr('archived'))}" if r.archived else "")
        + "</p>",
    ]
    if r.offers:
        parts.append(f"<p>{esc(r.offers)}</p>")
    facts = [
        (tr(FIELD_LABELS[key]), getattr(r, key))
        for key in ("eligibility", "cost", "opening_hours", "address", "phone", "email")
    ]
    rows = "".join(
        f"<tr><td style='color:{muted};padding-right:12px;vertical-align:top'>{esc(k)}</td>"
        f"<td>{esc(v)}</td></tr>"
        for k, v in facts
        if v
    )
    if r.website:
        href = r.website if "://" in r.website else f"https://{r.website}"
        rows += (
            f"<tr><td style='color:{muted};padding-right:12px'>"
            f"{esc(tr(FIELD_LABELS['website']))}</td>"
            f"<td><a href='{esc(href, quote=True)}'>{esc(r.website)}</a></td></tr>"
        )
    if rows:
        parts.append(f"<table cellspacing='0' cellpadding='3'>{rows}</table>")
    if r.tag_list:
        parts.append(
            f"<p style='color:{muted}'>{esc(tr(FIELD_LABELS['tags']))}: "
            f"{esc(', '.join(r.tag_list))}</p>"
        )
    if r.notes:
        parts.append(f"<p><b>{esc(tr(FIELD_LABELS['notes']))}</b><br>{esc(r.notes)}</p>")
    checked = format_date(r.last_checked) or tr("never")
    colour = attention if r.needs_checking() else muted
    extra = (" " + tr("Worth a quick call to confirm the details.")) if r.needs_checking() else ""
    parts.append(
        f"<p style='color:{colour}'>{esc(tr('Details last checked'))}: "
        f"{esc(checked)}.{esc(extra)}</p>"
    )
    if r.open_referrals:
        parts.append(
            f"<p style='color:{muted}'>"
            + esc(
                tr("1 open referral from your caseload.")
                if r.open_referrals == 1
                else tr("%1 open referrals from your caseload.").replace(
                    "%1", str(r.open_referrals)
                )
            )
            + "</p>"
        )
    return "".join(parts)


class ResourceDetail(QTextBrowser):
    """The selected resource in full (its website a link that opens in the browser); hidden
    while nothing is selected."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setOpenExternalLinks(True)
        self.setAccessibleName(self.tr("Resource details"))

    def show_resource(self, r: ResourceDTO | None) -> None:
        self.setHtml(resource_html(r, self.tr) if r is not None else "")
        self.setVisible(r is not None)

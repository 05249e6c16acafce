"""File > Connect to a team practice… (and the welcome screen's): where the practice's server
is, who the coach is, and their password. Connecting runs on the worker behind a progress
dialog; what goes wrong is said in plain words in the dialog, the fields kept as typed, so the
coach corrects one thing and tries again. A server that asks for the password (none given, or
a wrong one) says so under the password field.

The password is used for this connection only: it is never kept in the settings (the window
remembers the address without it) and the dialog forgets it when it closes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recoverydesk.services.practice.types import (
    TEAM_FIELD_LABELS,
    Opened,
    PasswordNeededError,
    TeamFields,
    team_address,
    team_address_problems,
)
from recoverydesk.services.types import ServiceError
from recoverydesk.ui.dialogs.form_dialog import FormDialog
from recoverydesk.ui.tasks import Op
from recoverydesk.ui.widgets.common import label

# Connects on the worker: (address, password or None) -> Opened.
Connect = Callable[[str, "str | None"], Opened]
CERTIFICATE_FILTER = "Certificates (*.crt *.pem *.cer);;All files (*)"


class ConnectTeamDialog(FormDialog):
    """``saved`` is the Opened practice once connected."""

    def __init__(self, connect: Connect, fields: TeamFields | None = None, message: str = "",
                 parent: QWidget | None = None, *, ask_password: bool = False):
        super().__init__(parent)
        self.saved: Opened | None = None
        self._connect = connect
        self.setWindowTitle(self.tr("Connect to a team practice"))
        self.setMinimumWidth(520)
        fields = fields or TeamFields()
        labels = TEAM_FIELD_LABELS
        intro = label(self.tr(
            "A team practice is kept on your practice's PostgreSQL server, shared with the "
            "other coaches. Paste the address your practice lead gave you, or fill in its "
            "parts: the server, the practice's database and your coach name."),
            "muted")
        self.message = label("", "error")
        self.message.setObjectName("connectProblem")
        self.message.hide()

        self.address = QLineEdit(fields.address)
        self.address.setPlaceholderText("postgresql://coach@server/practice")
        self.host = QLineEdit(fields.host)
        self.host.setPlaceholderText(self.tr("for example db.ourpractice.org.au"))
        self.port = QLineEdit(fields.port)
        self.port.setPlaceholderText("5432")
        self.port.setMaximumWidth(90)
        self.database = QLineEdit(fields.database)
        self.database.setPlaceholderText(self.tr("for example practice"))
        self.coach = QLineEdit(fields.coach)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Empty: from ~/.pgpass or PGPASSWORD"))
        self.ca_file = QLineEdit(fields.ca_file)
        self.ca_file.setPlaceholderText(self.tr("Optional: the practice's ca.crt"))
        self.browse = QPushButton(self.tr("Choose…"))
        self.browse.clicked.connect(self.choose_certificate)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_file, 1)
        ca_row.addWidget(self.browse)

        form = QFormLayout()
        self._edits = {"address": self.address, "host": self.host, "port": self.port,
                       "database": self.database, "coach": self.coach,
                       "password": self.password, "ca_file": self.ca_file}
        for key, edit in self._edits.items():
            text = self.tr(labels[key])
            edit.setAccessibleName(text)
            error = self.add_field(key, edit)
            form.addRow(text, ca_row if key == "ca_file" else edit)
            form.addRow("", error)
            if key != "password":
                self.recheck_on(key, edit.textChanged)
        tls = label(self.tr(
            "A server that is not on this computer is always reached over an encrypted (TLS) "
            "connection. With the practice's CA certificate RecoveryDesk also checks that it "
            "is your practice's server (verify-full); without it the connection is encrypted "
            "but the server is not checked. Your password is never saved."), "muted")
        buttons = self.save_cancel_buttons(self.tr("Connect"))
        self.connect_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addWidget(tls)
        layout.addWidget(buttons)
        if message:
            self.show_problem(message, password=ask_password)
        first = self.password if self.address.text() else next(
            (e for e in (self.host, self.database, self.coach) if not e.text()), self.password)
        (self.password if ask_password else first).setFocus()

    # -- the fields ----------------------------------------------------------------------------
    def fields(self) -> TeamFields:
        return TeamFields(**{k: e.text() for k, e in self._edits.items() if k != "password"})

    def problems(self) -> dict[str, str]:
        return team_address_problems(self.fields())

    def choose_certificate(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("The practice's CA certificate"), self.ca_file.text(),
            CERTIFICATE_FILTER)
        if path:
            self.ca_file.setText(path)

    def show_problem(self, text: str, *, password: bool = False) -> None:
        """What stopped the connection, in the dialog (under the password when it is that)."""
        if password:
            self.message.hide()
            self.show_errors({"password": text})
            self.password.setFocus()
            self.password.selectAll()
        else:
            self.show_errors({})
            self.message.setText(text)
            self.message.show()

    # -- connecting ----------------------------------------------------------------------------
    def write(self):
        address, password, connect = team_address(self.fields()), self.password.text(), \
            self._connect
        return lambda: connect(address, password or None)

    def save(self) -> None:
        errors = self.problems()
        if errors:
            super().save()  # shows them beside their fields
            return
        self.message.hide()
        where = self.fields().host or self.tr("the server")
        Op(self, self.write()).success(self._saved).failure(self._not_connected).with_progress(
            self.tr("Connecting to %1…").replace("%1", where)).run()

    def _not_connected(self, error: BaseException) -> None:
        if isinstance(error, PasswordNeededError):
            self.show_problem(str(error), password=True)
        elif isinstance(error, ServiceError):
            self.show_problem(str(error))
        else:
            self._failed(error)

    def done(self, result: int) -> None:
        self.password.clear()  # forgotten with the dialog
        super().done(result)

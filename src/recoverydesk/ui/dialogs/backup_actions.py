"""File menu: back up now, back up to a folder, restore, export everything, and the passphrase.
Also the rolling automatic backup while the practice is open (at most every few hours, only
when something changed)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox

from recoverydesk.paths import private_folder
from recoverydesk.services.types import ServiceError
from recoverydesk.ui.dialogs.passphrase import CHANGE, NEW, UNLOCK, PassphraseDialog
from recoverydesk.ui.dialogs.restore import RestoreDialog
from recoverydesk.ui.errors import show_error, show_exception
from recoverydesk.ui.practice import close_practice, show_again
from recoverydesk.ui.practice_files import PRACTICE_FILTER
from recoverydesk.ui.tasks import Op

CHECK_EVERY_MS = 20 * 60_000  # look every 20 minutes; a backup is taken at most every 3 hours


class BackupActions(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        a = window.commands
        a.add(
            "backup_now",
            self.tr("&Back up now"),
            self.backup_now,
            icon_name="content-save-move-outline",
            tip=self.tr("Make a checked, encrypted copy in the backups folder"),
        )
        a.add(
            "backup_to",
            self.tr("Back up &to…"),
            self.backup_to,
            icon_name="content-save-move-outline",
            tip=self.tr("Copy the practice to a folder you choose, like a USB stick"),
        )
        a.add(
            "restore",
            self.tr("&Restore…"),
            self.restore,
            icon_name="backup-restore",
            tip=self.tr("Go back to an earlier backup"),
        )
        a.add(
            "export_all",
            self.tr("&Export everything…"),
            self.export_all,
            icon_name="database-export-outline",
            tip=self.tr("Save all your records as one JSON file that you own"),
        )
        a.add(
            "import_all",
            self.tr("&Import an export…"),
            self.import_all,
            icon_name="database-import-outline",
            tip=self.tr("Make a new practice from an exported JSON file"),
        )
        a.add(
            "passphrase",
            self.tr("&Passphrase…"),
            self.passphrase,
            icon_name="key-outline",
            tip=self.tr("Protect the practice with a passphrase, or change it"),
        )
        self.keys = ("backup_now", "backup_to", "restore", "export_all", "passphrase")
        for key in (*self.keys, "import_all"):
            window.add_file_action(a[key])
        self.timer = QTimer(self, interval=CHECK_EVERY_MS)
        self.timer.timeout.connect(self.rolling_backup)
        self.timer.start()
        window.practice_opened.connect(self._enable)
        self._enable()

    def _enable(self) -> None:
        on = self.window.services is not None
        for key in self.keys:
            self.window.commands[key].setEnabled(on)
        # A team practice has no file to back up, restore or protect: its server does that.
        team = on and self.window.services.practice.info().is_team
        for key in ("backup_now", "backup_to", "restore", "passphrase"):
            self.window.commands[key].setVisible(not team)
        if on:
            encrypted = self.window.services.practice.is_encrypted
            self.window.commands["passphrase"].setText(
                self.tr("Change the &passphrase…")
                if encrypted
                else self.tr("Protect with a &passphrase…")
            )

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)

    def rolling_backup(self) -> None:
        services = self.window.services
        if services is None or not services.practice.is_open:
            return  # nothing open, or locked (the lock took its own backup)
        Op(self.window, services.practice.backup_if_due).failure(
            lambda err: self._status(
                self.tr("The automatic backup could not be made. Your practice itself is safe.")
            )
        ).run()

    def backup_now(self) -> None:
        services = self.window.services
        if services is None:
            return
        Op(self.window, lambda progress: services.practice.backup_now(progress=progress)).success(
            lambda row: self._status(self.tr("Backed up and checked: %1").replace("%1", row.name))
        ).with_progress(self.tr("Backing up…"), counted=True).run()

    def backup_to(self) -> None:
        services = self.window.services
        if services is None:
            return
        folder = QFileDialog.getExistingDirectory(
            self.window, self.tr("Back up to a folder"), str(Path.home())
        )
        if not folder:
            return
        Op(self.window, lambda progress: services.practice.back_up_to(Path(folder), progress)
           ).success(
            lambda path: self._status(self.tr("Backed up and checked: %1").replace("%1", str(path)))
        ).with_progress(self.tr("Backing up…"), counted=True).run()

    def export_all(self) -> None:
        services = self.window.services
        if services is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Export everything"),
            str(Path.home() / f"{services.practice.info().stem}-export.json"),
            "JSON (*.json)",
        )
        if not path:
            return
        # Cancel is safe: the file is written whole, at the end, or not at all.
        Op(self.window, lambda progress: services.practice.export_to(Path(path), progress),
           write=False).success(
            lambda counts: self._status(
                self.tr("Exported %1 records to %2")
                .replace("%1", str(sum(counts.values())))
                .replace("%2", path)
            )
        ).with_progress(self.tr("Exporting…"), counted=True, cancel=True).cancelled(
            lambda: self._status(self.tr("Export stopped: nothing was written."))).run()

    def import_all(self) -> None:
        """An export becomes a new practice (a practice of its own, never mixed into this one)."""
        opener = self.window.opener
        source, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Import an export"), str(Path.home()), "JSON (*.json)"
        )
        if not source:
            return
        folder = private_folder(opener.default_path().parent)  # never the cwd
        suggested = folder / f"{Path(source).stem}.rdk"
        target, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Save the new practice as"), str(suggested), PRACTICE_FILTER
        )
        if not target:
            return
        target = Path(target if target.endswith(".rdk") else target + ".rdk")
        if target.exists() and target.stat().st_size > 0:
            show_error(self.tr("%1 already exists. Choose a new name for the imported "
                               "practice.").replace("%1", target.name), parent=self.window)
            return
        passphrase = opener.choose_new_passphrase(target)
        if passphrase is False:
            return

        def done(opened) -> None:
            self.window.practice_files.show_opened(opened)
            self._status(self.tr("Imported %1 participants into %2.")
                         .replace("%1", str(len(opened.caseload)))
                         .replace("%2", target.name))

        # One transaction into a new file: stopped or failed, nothing half-made is left.
        Op(self.window, lambda progress: opener.import_on_worker(
            target, Path(source), passphrase, progress)).success(done).failure(
            lambda err: show_exception(err, parent=self.window)
        ).with_progress(self.tr("Importing…"), counted=True, cancel=True).cancelled(
            lambda: self._status(self.tr("Import stopped: no practice was made."))).run()

    def restore(self) -> None:
        services = self.window.services
        if services is None:
            return
        practice = services.practice
        dialog = RestoreDialog(practice.list_backups(), practice.backups_folder(),
                               parent=self.window)
        if not dialog.exec() or dialog.chosen is None:
            return
        chosen = dialog.chosen
        backup_passphrase = None
        if practice.backup_needs_passphrase(chosen):
            backup_passphrase = self._ask_backup_passphrase(
                chosen, encrypted=practice.is_encrypted)
            if backup_passphrase is None:
                return
        question = self.tr("Go back to %1? Your practice as it is now is backed up first.")
        if backup_passphrase is not None and practice.is_encrypted:
            question += " " + self.tr("The backup comes back locked with your current passphrase.")
        answer = QMessageBox.question(
            self.window, self.tr("Restore a backup"), question.replace("%1", chosen.name)
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        _services, closed = close_practice(self.window)
        done = self.tr("Restored %1.").replace("%1", chosen.name)
        Op(self.window, lambda progress: practice.restore(
            chosen, backup_passphrase=backup_passphrase, progress=progress)).success(
            lambda reopened: self._reopened(reopened, closed, done)).failure(
            lambda err: show_exception(err, parent=self.window)
        ).with_progress(self.tr("Restoring…"), counted=True).run()

    def _ask_backup_passphrase(self, backup: Path, *, encrypted: bool) -> str | None:
        """The passphrase a backup was made under, when the practice's does not open it (it was
        changed since, say). Asked again after a wrong one, each try waiting longer; None when
        the coach gives up."""
        intro = self.tr(
            "%1 is locked with a different passphrase, probably one you used before changing "
            "it. Type that passphrase to restore this backup."
        )
        if encrypted:
            intro += " " + self.tr("It will then be locked with your current passphrase.")
        error = ""
        while True:
            dialog = PassphraseDialog(
                UNLOCK, backup.name, error, parent=self.window,
                retry_after=self.window.services.practice.seconds_until_retry(backup),
                title=self.tr("Restore a backup"), intro=intro, ok_text=self.tr("Continue"),
            )
            if not dialog.exec() or not dialog.passphrase:
                return None
            try:
                self.window.services.practice.check_backup_passphrase(backup, dialog.passphrase)
            except ServiceError as err:
                error = str(err)
                continue
            return dialog.passphrase

    def passphrase(self) -> None:
        services = self.window.services
        if services is None:
            return
        practice = services.practice
        encrypted = practice.is_encrypted
        dialog = PassphraseDialog(
            CHANGE if encrypted else NEW,
            practice.path.name,
            parent=self.window,
            check_current=practice.is_current_passphrase,
        )
        if not encrypted:
            dialog.decline.hide()  # the coach asked to protect it: no way out but Cancel
        if not dialog.exec() or dialog.passphrase is None:
            return
        new = dialog.passphrase
        _services, closed = close_practice(self.window)
        done = self.tr("Your practice and its backups are protected with the new passphrase.")
        # The practice, then each backup, re-keyed one by one (counted); no Cancel: a practice
        # half re-keyed would keep backups its passphrase cannot open.
        Op(self.window, lambda progress: practice.change_passphrase(new, progress)).success(
            lambda reopened: self._reopened(reopened, closed, done)).failure(
            lambda err: show_exception(err, parent=self.window)
        ).with_progress(self.tr("Changing the passphrase…"), counted=True).run()

    def _reopened(self, reopened, closed, done: str) -> None:
        """The practice is open again: shown where the coach was, with what happened."""
        show_again(self.window, reopened.opened, closed)
        if reopened.problem is not None:
            show_error(str(reopened.problem), parent=self.window)
        else:
            self._status(done)


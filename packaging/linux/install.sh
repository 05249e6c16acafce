#!/bin/sh
# Install RecoveryDesk for this user only (no sudo): the program folder goes to
# ~/.local/opt/RecoveryDesk, the commands recoverydesk and recoverydesk-gui to ~/.local/bin, and
# the menu entry, icon and .rdk file type to ~/.local/share. Run it again to update.
# ./install.sh --uninstall removes the program; your practice and its backups (in
# ~/.local/share/RecoveryDesk) are never touched.
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
ID=org.recoverydesk.RecoveryDesk
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
PREFIX="$HOME/.local/opt/RecoveryDesk"
BIN="$HOME/.local/bin"

uninstall() {
  rm -rf "$PREFIX"
  rm -f "$BIN/recoverydesk" "$BIN/recoverydesk-gui" "$DATA/applications/$ID.desktop" \
    "$DATA/metainfo/$ID.metainfo.xml" "$DATA/mime/packages/recoverydesk-mime.xml"
  find "$DATA/icons/hicolor" \( -name "$ID.*" -o -name "application-x-recoverydesk-practice.*" \) \
    -delete 2>/dev/null || true
}

refresh() {
  command -v update-mime-database >/dev/null && update-mime-database "$DATA/mime" >/dev/null 2>&1 || true
  command -v update-desktop-database >/dev/null && update-desktop-database "$DATA/applications" || true
  command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$DATA/icons/hicolor" || true
}

if [ "${1:-}" = "--uninstall" ]; then
  uninstall
  refresh
  echo "RecoveryDesk is removed. Your practice and backups in $DATA/RecoveryDesk are still there."
  exit 0
fi

uninstall
mkdir -p "$PREFIX" "$BIN" "$DATA/applications" "$DATA/metainfo" "$DATA/mime/packages"
cp -a "$HERE/RecoveryDesk/." "$PREFIX/"
ln -sf "$PREFIX/recoverydesk" "$BIN/recoverydesk"
ln -sf "$PREFIX/recoverydesk-gui" "$BIN/recoverydesk-gui"
# The menu entry names the program by its full path: ~/.local/bin is not always on a desktop's PATH.
sed "s|^Exec=recoverydesk-gui|Exec=$PREFIX/recoverydesk-gui|" "$HERE/$ID.desktop" \
  > "$DATA/applications/$ID.desktop"
cp "$HERE/$ID.metainfo.xml" "$DATA/metainfo/"
cp "$HERE/recoverydesk-mime.xml" "$DATA/mime/packages/"
for png in "$HERE"/icons/recoverydesk-*.png; do
  size="$(basename "$png" .png | sed 's/recoverydesk-//')"
  mkdir -p "$DATA/icons/hicolor/${size}x${size}/apps" "$DATA/icons/hicolor/${size}x${size}/mimetypes"
  cp "$png" "$DATA/icons/hicolor/${size}x${size}/apps/$ID.png"
  cp "$png" "$DATA/icons/hicolor/${size}x${size}/mimetypes/application-x-recoverydesk-practice.png"
done
mkdir -p "$DATA/icons/hicolor/scalable/apps"
cp "$HERE/icons/recoverydesk.svg" "$DATA/icons/hicolor/scalable/apps/$ID.svg"
refresh
echo "RecoveryDesk is installed: find it in your applications menu, or run recoverydesk-gui."

# dmgbuild settings: the RecoveryDesk disk image, the app beside an Applications shortcut so a
# coach drags one onto the other. Build on a Mac after PyInstaller (from the repository root):
#
#   pip install dmgbuild
#   dmgbuild -s packaging/macos/dmg_settings.py -D app=dist/RecoveryDesk.app \
#       "RecoveryDesk" dist/RecoveryDesk-0.1.0-macos.dmg
#
# dmgbuild runs this file with `defines` (the -D values) already set.
import os.path

application = defines.get("app", "dist/RecoveryDesk.app")  # noqa: F821
appname = os.path.basename(application)

format = "UDZO"  # compressed, read-only; opens on every supported macOS
size = None  # worked out from the app's size
files = [application]
symlinks = {"Applications": "/Applications"}
hide_extensions = [appname]

icon = os.path.join(application, "Contents", "Resources", "recoverydesk.icns")  # the volume's
default_view = "icon-view"
show_status_bar = False
show_tab_view = False
show_toolbar = False
show_pathbar = False
show_sidebar = False
window_rect = ((200, 160), (560, 320))
icon_size = 112
text_size = 13
icon_locations = {
    appname: (150, 150),
    "Applications": (410, 150),
}

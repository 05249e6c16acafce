"""The frozen app's window, ``recoverydesk-gui`` (the Start menu, Dock and desktop launch this)."""

import sys

from recoverydesk.gui import main

sys.exit(main())

"""The frozen app's console program, ``recoverydesk``: every command, printing to the terminal."""

import sys

from recoverydesk.cli import main

sys.exit(main())

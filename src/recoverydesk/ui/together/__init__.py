"""The "With the participant" view (issue 22): the window shows one person, in large type, for
the coach and the participant sitting side by side. ``part.py`` is the window part (entering and
leaving), ``view.py`` the view, one module per section, ``gate.py`` the way out (the coach's PIN
or passphrase), ``kit.py`` the large type and touch-sized controls they share."""

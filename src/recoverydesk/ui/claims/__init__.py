"""The Claims view (issue 19): review NDIS claim lines and claim them. ``part`` is the window
part (View > Claims), ``window`` the view's own window; the rest are its pieces."""

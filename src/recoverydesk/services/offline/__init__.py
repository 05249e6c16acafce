"""Offline with a team practice (issue 21): holds, the local copy, bring-back."""

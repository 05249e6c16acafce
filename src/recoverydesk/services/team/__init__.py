"""A team practice: its coaches and who is assigned to whom (issue 20 item 3)."""

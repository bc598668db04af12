"""The manager's screen (``kiosk run --screen admin``): the live day, stock, clear to zero, close."""

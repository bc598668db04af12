"""The resident kiosk: take a number, see it, get the printed ticket."""

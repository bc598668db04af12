"""What the screens share: the staff console base (sign-in, status line, prompts, the scanner
filter, refusals in words) and small widgets (the PIN pad)."""

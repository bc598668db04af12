"""The observation desk: everyone in observation, release, early leave, adverse events."""

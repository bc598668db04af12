"""The waiting-room display: who is called where, the waiting counts, the observation board."""

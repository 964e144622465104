"""Modal screens: help, the references list, the symbol panel, go-to and the open letters."""

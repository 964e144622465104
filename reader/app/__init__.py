"""The Textual app: reading a letter and walking its references with the keyboard."""

"""The app's widgets: line-based text panes, the header and the status line."""

"""The main window: it builds the widgets of the other packages and wires them."""

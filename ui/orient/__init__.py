"""What job could I do?: the path's shared state, picture cards, step frame and answer cards."""

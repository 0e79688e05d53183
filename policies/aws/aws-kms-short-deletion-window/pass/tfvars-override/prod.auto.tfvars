deletion_window = 30

deletion_window = 10

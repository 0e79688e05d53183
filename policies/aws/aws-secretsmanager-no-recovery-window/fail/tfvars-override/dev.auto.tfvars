recovery_window = 0

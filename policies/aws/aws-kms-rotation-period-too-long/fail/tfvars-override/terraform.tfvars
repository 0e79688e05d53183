rotation_days = 2560

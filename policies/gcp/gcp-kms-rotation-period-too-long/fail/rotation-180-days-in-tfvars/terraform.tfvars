rotation_period = "15552000s"

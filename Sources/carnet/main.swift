print("carnet")

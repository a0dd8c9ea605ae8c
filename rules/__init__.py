# Data package: YAML rule packs and word lists, shipped inside the wheel as
# followlint.rules and read with importlib.resources. No code lives here.

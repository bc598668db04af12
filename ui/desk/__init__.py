"""The nurses' desk screen: a registration desk or a vaccination station, its panels and history."""

"""The Django web application: a thin face over the pure core."""

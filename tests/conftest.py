"""Cross-addon tests live outside any addon, so Odoo's test metaclass does not
tag them; give them the tags and module name it gives addon tests."""


def pytest_collection_modifyitems(items):
    for item in items:
        cls = getattr(item, "cls", None)
        if cls is not None and getattr(cls, "test_tags", None) is None:
            cls.test_tags = {"standard", "post_install"}
            cls.test_module = "insurance_suite"
            cls.test_class = cls.__name__
            cls.test_sequence = 0

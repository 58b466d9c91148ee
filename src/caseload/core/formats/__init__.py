"""Format modules (settings.FORMAT_MODULE_PATH): Django's locale files for a language win
over the DATE_FORMAT family of settings, so each language caseload is shown in gets a
module here that hands back the settings' values, written once in settings.py."""

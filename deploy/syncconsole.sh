#!/bin/sh
# The command line of the installed SyncConsole (run as the service user for import/export:
#   sudo -u syncconsole syncconsole import /usr/local/sersync/confxml.xml).
exec /usr/lib/syncconsole/SyncConsole.Web "$@"

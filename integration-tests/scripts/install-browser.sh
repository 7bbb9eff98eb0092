#!/usr/bin/env bash
# Installs Debian's Chromium and ChromeDriver for the console's browser test (ConsoleBrowserIT).
# Run by the test itself when /usr/bin/chromium or /usr/bin/chromedriver is missing; needs root
# or password-less sudo and access to the Debian package mirror.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  SUDO="sudo -n"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends chromium chromium-driver

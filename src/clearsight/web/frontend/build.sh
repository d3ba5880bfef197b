#!/usr/bin/env bash
# Rebuild the vendored front end in ../static from the npm packages pinned in package-lock.json:
#   GOV.UK Frontend compiled with Arial and its JavaScript (no crown or GOV.UK images: this is not gov.uk); HTMX; axe-core (browser tests only).
# Run from anywhere: bash src/clearsight/web/frontend/build.sh
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
STATIC=../static
rm -rf "$STATIC/govuk" "$STATIC/vendor"
mkdir -p "$STATIC/govuk" "$STATIC/vendor"
npx sass --no-source-map --style=compressed --load-path=node_modules --quiet-deps \
  --silence-deprecation=import --silence-deprecation=global-builtin \
  app.scss "$STATIC/govuk/clearsight.min.css"
GF=node_modules/govuk-frontend/dist/govuk
cp "$GF/govuk-frontend.min.js" "$STATIC/govuk/govuk-frontend.min.js"
cp node_modules/htmx.org/dist/htmx.min.js "$STATIC/vendor/htmx.min.js"
cp node_modules/axe-core/axe.min.js "$STATIC/vendor/axe.min.js"
for pkg in govuk-frontend htmx.org axe-core; do
  printf '%s %s\n' "$pkg" "$(node -p "require('./node_modules/$pkg/package.json').version")"
done > "$STATIC/vendor/VERSIONS"
echo "built into $(cd "$STATIC" && pwd)"

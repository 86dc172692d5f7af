#!/usr/bin/env bash
# Calls the LGSP service gateway (or the data API, which takes the same signatures) as a connected
# system, signing the request with the gateway's HMAC-SHA256 scheme (docs/integrators.md, "Service gateway")
# using only bash, curl and openssl.
#
#   docs/examples/gateway.sh METHOD PATH_AND_QUERY [BODY_FILE [CONTENT_TYPE]]
#   docs/examples/gateway.sh GET '/gw/meta/allowedServices'
#   docs/examples/gateway.sh POST '/gw/r1/demo.opendata/administrative-units?size=2' body.json application/json
#   docs/examples/gateway.sh GET '/api/data/document-types?code=QD'
#
# Environment: GW_URL (default: LGSP_URL, else http://localhost:8080), GW_SYSTEM and GW_SECRET (default: the dev
# system hp.sonv.qlvb of etc/dev/dev-secrets.yml), GW_TIMESTAMP and GW_NONCE to fix them (the
# worked example in docs/integrators.md), GW_DRY_RUN=1 to print the string to sign and the headers instead of
# calling. The path and query are signed exactly as written here, so write them percent-encoded.
set -euo pipefail

method=${1:?METHOD}
target=${2:?PATH_AND_QUERY}
body_file=${3:-}
content_type=${4:-application/json}
url=${GW_URL:-${LGSP_URL:-http://localhost:8080}}
system=${GW_SYSTEM:-hp.sonv.qlvb}
secret=${GW_SECRET:-hp-sonv-dev-secret-2025}

path=${target%%\?*}
query=""
if [[ "$target" == *\?* ]]; then
  query=${target#*\?}
fi
timestamp=${GW_TIMESTAMP:-$(date +%s)}
nonce=${GW_NONCE:-$(openssl rand -hex 16)}
if [[ -n "$body_file" ]]; then
  body_sha256=$(openssl dgst -sha256 -r "$body_file" | cut -d' ' -f1)
else
  body_sha256=$(printf '' | openssl dgst -sha256 -r | cut -d' ' -f1)
fi

# The string to sign: eight lines joined by LF, no LF at the end.
string_to_sign=$(printf 'LGSP-HMAC-SHA256\n%s\n%s\n%s\n%s\n%s\n%s\n%s' \
  "$method" "$path" "$query" "$system" "$timestamp" "$nonce" "$body_sha256")
signature=$(printf '%s' "$string_to_sign" | openssl dgst -sha256 -hmac "$secret" -r | cut -d' ' -f1)

headers=(
  -H "X-LGSP-System: $system"
  -H "X-LGSP-Timestamp: $timestamp"
  -H "X-LGSP-Nonce: $nonce"
  -H "X-LGSP-Content-SHA256: $body_sha256"
  -H "X-LGSP-Signature: $signature"
)

if [[ "${GW_DRY_RUN:-}" == 1 ]]; then
  printf '%s\n----\n' "$string_to_sign"
  printf 'X-LGSP-System: %s\nX-LGSP-Timestamp: %s\nX-LGSP-Nonce: %s\nX-LGSP-Content-SHA256: %s\nX-LGSP-Signature: %s\n' \
    "$system" "$timestamp" "$nonce" "$body_sha256" "$signature"
  exit 0
fi

if [[ -n "$body_file" ]]; then
  curl -sS -i -X "$method" "${headers[@]}" -H "Content-Type: $content_type" --data-binary "@$body_file" "$url$target"
else
  curl -sS -i -X "$method" "${headers[@]}" "$url$target"
fi
echo

#!/usr/bin/env bash
# Calls the LGSP VDXP API (/vdxp) exactly as the national axis SDK signs its requests
# (XroadVnpt HMAC headers), with nothing but bash, curl and openssl.
#
#   docs/examples/vdxp.sh sendEdoc FILE.edxml [key=value ...]   # e.g. messagetype=status
#   docs/examples/vdxp.sh OPERATION [key=value ...]              # e.g. getReceivedEdocList messagetype=edoc
#
# Environment: LGSP_URL (default http://localhost:8080), VDXP_SYSTEM and VDXP_SECRET (default: the
# dev-only demo system hp.sonv.qlvb of etc/dev/dev-secrets.yml). Prints the JSON answer
# (downloadEdoc: the package byte for byte, nothing added).
set -euo pipefail

BASE="${LGSP_URL:-http://localhost:8080}/vdxp"
SYSTEM="${VDXP_SYSTEM:-hp.sonv.qlvb}"
SECRET="${VDXP_SECRET:-hp-sonv-dev-secret-2025}"
# The SDK's timestamp: ddMMyyyy'T'HHmmss+SSSS, where SSSS is milliseconds (not a UTC offset).
TIMESTAMP="$(date +%d%m%YT%H%M%S)+0000"

op="${1:?usage: vdxp.sh OPERATION [FILE] [key=value ...]}"; shift
file=""
if [[ "$op" == sendEdoc ]]; then
  file="${1:?sendEdoc needs a package file}"; shift
fi

# Logical headers in signing order: systemid, the caller's keys, timestamp, Content-Type [, hash-file].
names=(systemid); values=("$SYSTEM")
for kv in "$@"; do names+=("${kv%%=*}"); values+=("${kv#*=}"); done
if [[ "$op" == sendEdoc ]]; then
  names+=(timestamp Content-Type hash-file)
  # hash-file: SHA-256 of the file, each byte as lowercase hex WITHOUT zero padding (the SDK's quirk).
  hash=$(openssl dgst -sha256 -binary "$file" | od -An -v -tx1 | tr -s ' \n' ' ' | sed 's/ 0\([0-9a-f]\)/ \1/g' | tr -d ' ')
  values+=("$TIMESTAMP" application/octet-stream "$hash")
else
  names+=(timestamp Content-Type); values+=("$TIMESTAMP" application/json)
fi

# Signed JSON: {"XroadVnpt-name":"value",...} compact, in the same order; HMAC-SHA256 with the secret as text.
headers=(); json="{"; keys=""
for i in "${!names[@]}"; do
  n="${names[$i]}"; v="${values[$i]}"
  [[ "$n" == Content-Type ]] && headers+=(-H "Content-Type: $v")
  headers+=(-H "XroadVnpt-$n: $v")
  (( i > 0 )) && { json+=","; keys+=";"; }
  json+="\"XroadVnpt-$n\":\"$v\""; keys+="$n"
done
json+="}"
hmac=$(printf '%s' "$json" | openssl dgst -sha256 -hmac "$SECRET" | sed 's/^.*= //')
headers+=(-H "XroadVnpt-sign-header-key: $keys" -H "XroadVnpt-sign-header: $json"
          -H "XroadVnpt-hash-header: $hmac" -H "User-Agent: JAVASDKAgent/1.0.0 XRoad/VPCP"
          -H "XroadVnpt-version: 3.0.201608")

case "$op" in
  # The SDK's body: the raw file followed by CR LF.
  sendEdoc) { cat "$file"; printf '\r\n'; } | curl -sS "${headers[@]}" --data-binary @- "$BASE/sendEdoc" ;;
  downloadEdoc) curl -sS "${headers[@]}" "$BASE/downloadEdoc"; exit ;;  # the package byte for byte
  getEdoc|updateStatus|countReceiveEdoc|countReceiveStatus) curl -sS "${headers[@]}" --data-binary '{}' "$BASE/$op" ;;
  *) curl -sS "${headers[@]}" -X POST "$BASE/$op" ;;
esac
echo

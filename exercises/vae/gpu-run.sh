#!/usr/bin/env bash
# The reference run of the VAE exercise on a GPU machine without network: trains 2,000 steps with
# seed 0 on CUDA in offline mode and writes the spool to the given folder. Copy that folder back
# to a machine with network and upload it with: python -m fellowship_client sync <folder>
#
#   exercises/vae/gpu-run.sh <spool-dir> [more train.py flags, e.g. --steps 600]
#
# Needs Python with torch (CUDA) and numpy; scikit-learn is optional (digits.npz is the fallback).
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 <spool-dir> [more train.py flags]" >&2
  exit 2
fi
spool_dir=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
python=${PYTHON:-python3}

"$python" - <<'EOF'
import sys
import torch
if not torch.cuda.is_available():
    sys.exit(f"No CUDA device visible to torch {torch.__version__}; this script is for the GPU reference run.")
print(f"torch {torch.__version__}, CUDA {torch.version.cuda}, device: {torch.cuda.get_device_name(0)}")
EOF
if command -v nvidia-smi >/dev/null; then
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
fi

mkdir -p "$spool_dir"
TIMEFORMAT='wall time (Python start-up, data loading and training): %R s'
time "$python" "$here/train.py" --offline --spool-dir "$spool_dir" --device cuda --seed 0 --steps 2000 \
  --name "reference run (GPU)" "$@"
echo "spool written to $spool_dir:"
ls -l "$spool_dir"

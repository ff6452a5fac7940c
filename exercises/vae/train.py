"""A variational autoencoder on scikit-learn's digits (1,797 images of 8x8 pixels, no download).

Reports the training batch's `elbo`, `recon` and `kl` every few steps, and a grid of images
sampled from the prior every few hundred steps, to a Fellowship server through the Python client:

    FELLOWSHIP_URL=https://... FELLOWSHIP_TOKEN=fsk_... python train.py --steps 2000
    python train.py --offline --spool-dir runs/        # no network: sync the folder later

See README.md next to this file for what the numbers mean and what to try.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
import time
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))

try:
    import fellowship_client as fc
except ImportError:  # not installed: use the one-file client from this repository
    sys.path.insert(0, os.path.join(HERE, "..", "..", "clients", "python"))
    import fellowship_client as fc

try:
    import torch
    import torch.nn.functional as F
    from torch import nn
except ImportError:
    sys.exit("train.py needs PyTorch: pip install torch (see exercises/vae/README.md)")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="Train a small VAE on scikit-learn's 8x8 digits and report it to Fellowship.")
    parser.add_argument("--steps", type=int, default=2000, help="optimizer steps (default 2000)")
    parser.add_argument("--batch-size", type=int, default=128, help="images per step (default 128)")
    parser.add_argument("--lr", type=float, default=1e-3, help="Adam learning rate (default 1e-3)")
    parser.add_argument("--latent-dim", type=int, default=8, help="size of the latent code z (default 8)")
    parser.add_argument("--hidden", type=int, default=256, help="width of the hidden layers (default 256)")
    parser.add_argument("--beta", type=float, default=1.0, help="weight of the KL term in the loss (default 1: the true ELBO)")
    parser.add_argument("--seed", type=int, default=0, help="random seed: the same seed gives the same run on the same machine")
    parser.add_argument("--device", default="auto", help="auto (cuda if available, else mps, else cpu), cpu, cuda, cuda:1, mps")
    parser.add_argument("--log-every", type=int, default=10, help="report metrics every N steps (default 10)")
    parser.add_argument("--sample-every", type=int, default=500, help="report a sample grid every N steps (default 500)")
    parser.add_argument("--offline", action="store_true", help="only write the spool (no network); upload it later with sync")
    parser.add_argument("--spool-dir", default=None, help="where the client keeps its spool (default ./fellowship-runs)")
    parser.add_argument("--name", default=None, help="the run's name on the server (default: beta and latent size)")
    args = parser.parse_args(argv)
    for flag in ("steps", "batch_size", "latent_dim", "hidden", "log_every", "sample_every"):
        if getattr(args, flag) < 1:
            parser.error(f"--{flag.replace('_', '-')} must be at least 1")
    if args.lr <= 0 or args.beta < 0:
        parser.error("--lr must be positive and --beta not negative")
    return args


# --- data ----------------------------------------------------------------------------------------


def load_digits():
    """The 1,797 digits as a float tensor (N, 64) in [0, 1]. scikit-learn ships them in its wheel;
    digits.npz is the same data for machines with torch but without scikit-learn (see README.md)."""
    try:
        from sklearn.datasets import load_digits as sklearn_digits

        pixels = sklearn_digits().data
    except ImportError:
        path = os.path.join(HERE, "digits.npz")
        try:
            import numpy as np

            with np.load(path) as saved:
                pixels = saved["images"].reshape(-1, 64)
        except (ImportError, OSError) as error:
            sys.exit(f"Cannot load the digits: pip install scikit-learn, or numpy to read the bundled copy {path} ({error})")
    return torch.tensor(pixels, dtype=torch.float32) / 16.0  # grey levels 0..16


def pick_device(name):
    if name != "auto":
        device = torch.device(name)
        if device.type == "cuda" and not torch.cuda.is_available():
            sys.exit(f"--device {name}: torch {torch.__version__} sees no CUDA device (try --device auto)")
        return device
    if torch.cuda.is_available():
        return torch.device("cuda")
    if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


# --- the model -----------------------------------------------------------------------------------


class VAE(nn.Module):
    def __init__(self, latent_dim, hidden):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(64, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, 2 * latent_dim))
        self.decoder = nn.Sequential(nn.Linear(latent_dim, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, 64))

    def forward(self, x):
        mu, logvar = self.encoder(x).chunk(2, dim=1)
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)  # the reparameterisation trick
        return self.decoder(z), mu, logvar


def losses(model, x):
    """Per-image averages in nats: recon = -log p(x|z) (Bernoulli), kl = KL(q(z|x) || N(0, I))."""
    logits, mu, logvar = model(x)
    recon = F.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(dim=1).mean()
    kl = 0.5 * (mu.pow(2) + logvar.exp() - 1 - logvar).sum(dim=1).mean()
    return recon, kl


# --- a sample grid as PNG, without extra packages ------------------------------------------------


def png_bytes(rows):
    """An 8-bit greyscale PNG from a list of rows of 0..255 ints."""

    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    height, width = len(rows), len(rows[0])
    raw = b"".join(b"\x00" + bytes(row) for row in rows)  # filter byte 0 (none) before each row
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8 bits, greyscale
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def sample_grid(model, z, scale=4, gap=2):
    """Decodes the fixed latent codes `z` (a square number of them) into one PNG grid."""
    with torch.no_grad():
        images = torch.sigmoid(model.decoder(z)).reshape(-1, 8, 8).cpu()
    side = int(len(images) ** 0.5)
    cell = 8 * scale + gap
    grid = torch.full((side * cell + gap, side * cell + gap), 255, dtype=torch.uint8)  # white gaps
    big = images.repeat_interleave(scale, dim=1).repeat_interleave(scale, dim=2)
    ink = ((1 - big) * 255).round().to(torch.uint8)  # dark digits on white, as on paper
    for i in range(side * side):
        top, left = gap + (i // side) * cell, gap + (i % side) * cell
        grid[top : top + 8 * scale, left : left + 8 * scale] = ink[i]
    return png_bytes(grid.tolist())


# --- training ------------------------------------------------------------------------------------


def train(args):
    torch.manual_seed(args.seed)
    device = pick_device(args.device)
    if device.type == "cpu" and "OMP_NUM_THREADS" not in os.environ:
        # Layers this small gain nothing from more threads, and on a busy machine the extra
        # threads' waiting made a 2-second run take a minute.
        torch.set_num_threads(1)
    data = load_digits()
    split = torch.Generator().manual_seed(args.seed)
    order = torch.randperm(len(data), generator=split)
    test, train_set = data[order[:297]].to(device), data[order[297:]].to(device)  # 1,500 to train on

    model = VAE(args.latent_dim, args.hidden).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    batches = torch.Generator().manual_seed(args.seed + 1)
    prior_z = torch.randn(64, args.latent_dim, generator=torch.Generator().manual_seed(args.seed + 2)).to(device)

    params = {key: getattr(args, key) for key in ("steps", "batch_size", "lr", "latent_dim", "hidden", "beta", "seed")}
    params["device"] = device.type
    name = args.name or f"beta={args.beta:g} z={args.latent_dim}"
    can_log_images = hasattr(fc.Run, "log_image")  # an older client installed with pip lacks it
    if not can_log_images:
        print("train.py: this fellowship_client is too old for log_image; sample grids are not sent", file=sys.stderr)

    started = time.perf_counter()
    with fc.init(exercise="vae", name=name, params=params, tags=[device.type],
                 mode="offline" if args.offline else None, spool_dir=args.spool_dir) as run:
        for step in range(args.steps):
            model.train()
            batch = train_set[torch.randint(len(train_set), (args.batch_size,), generator=batches)]
            recon, kl = losses(model, batch)
            loss = recon + args.beta * kl  # beta = 1 minimises -ELBO
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()

            last = step == args.steps - 1
            if step % args.log_every == 0 or last:
                recon_value, kl_value = recon.item(), kl.item()
                run.log({"elbo": -(recon_value + kl_value), "recon": recon_value, "kl": kl_value}, step=step)
            if can_log_images and (step % args.sample_every == 0 or last):
                model.eval()
                run.log_image("samples", sample_grid(model, prior_z), step=step)

        model.eval()
        with torch.no_grad():
            test_recon, test_kl = (value.item() for value in losses(model, test))
        seconds = time.perf_counter() - started
        summary = {"test_elbo": -(test_recon + test_kl), "test_recon": test_recon, "test_kl": test_kl, "seconds": seconds}
        run.finish(summary=summary)

    where = torch.cuda.get_device_name(device) if device.type == "cuda" else device.type
    print(f"{args.steps} steps on {where} in {seconds:.1f} s; held-out ELBO {summary['test_elbo']:.2f} "
          f"(recon {test_recon:.2f}, KL {test_kl:.2f}) nats per image")
    return summary


if __name__ == "__main__":
    try:
        train(parse_args())
    except fc.FellowshipError as error:  # no token, a refused token or exercise: say so, no traceback
        sys.exit(f"train.py: {error}")

"""Client behaviour that needs no server: values, ranks, the spool, offline mode."""

import json
import math
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import fellowship_client as fc  # noqa: E402


class EncodeValueTest(unittest.TestCase):
    def test_numbers_and_non_finite(self):
        self.assertEqual(fc.encode_value(1), 1.0)
        self.assertEqual(fc.encode_value(-2.5), -2.5)
        self.assertEqual(fc.encode_value(True), 1.0)
        self.assertEqual(fc.encode_value(float("nan")), "NaN")
        self.assertEqual(fc.encode_value(math.inf), "Infinity")
        self.assertEqual(fc.encode_value(-math.inf), "-Infinity")
        self.assertEqual(fc.encode_value("nan"), "NaN")
        self.assertEqual(fc.encode_value("-inf"), "-Infinity")

    def test_rejects_what_is_not_a_number(self):
        with self.assertRaises(ValueError):
            fc.encode_value("hello")
        with self.assertRaises(TypeError):
            fc.encode_value([1, 2])


class RankTest(unittest.TestCase):
    def setUp(self):
        self.saved = {name: os.environ.pop(name, None) for name in ("RANK", "LOCAL_RANK")}

    def tearDown(self):
        for name, value in self.saved.items():
            os.environ.pop(name, None)
            if value is not None:
                os.environ[name] = value

    def test_only_rank_zero_sends(self):
        os.environ["RANK"] = "1"
        run = fc.init("vae", mode="offline")
        self.assertIsInstance(run, fc._NoopRun)
        run.log({"loss": 1.0}, step=1)
        run.finish()

    def test_local_rank_when_rank_is_unset(self):
        os.environ["LOCAL_RANK"] = "0"
        self.assertTrue(fc._is_rank_zero())
        os.environ["LOCAL_RANK"] = "3"
        self.assertFalse(fc._is_rank_zero())


class OfflineRunTest(unittest.TestCase):
    def test_offline_run_writes_every_point_to_the_spool(self):
        with tempfile.TemporaryDirectory() as spool_dir:
            run = fc.init("vae", name="offline", params={"lr": 0.001}, mode="offline", spool_dir=spool_dir, install_handlers=False)
            for step in range(0, 2500):
                run.log({"elbo": -40.0 + step / 100, "kl": float("nan") if step == 7 else 1.0}, step=step)
            run.finish(summary={"elbo": -15.0})
            records = fc.read_spool(run.spool.path)
            kinds = [record["type"] for record in records]
            self.assertEqual(kinds[0], "run")
            self.assertEqual(kinds[-1], "finish")
            points = [point for record in records if record["type"] == "batch" for point in record["points"]]
            self.assertEqual(len(points), 5000)
            self.assertEqual(len({(p["key"], p["step"]) for p in points}), 5000)
            self.assertIn({"key": "kl", "step": 7, "value": "NaN"}, [{k: p[k] for k in ("key", "step", "value")} for p in points])
            seqs = [record["seq"] for record in records if record["type"] == "batch"]
            self.assertEqual(seqs, list(range(1, len(seqs) + 1)))
            self.assertTrue(all(len(record["points"]) <= fc.BATCH_POINTS for record in records if record["type"] == "batch"))

    def test_resuming_continues_the_numbering_and_a_torn_line_is_skipped(self):
        with tempfile.TemporaryDirectory() as spool_dir:
            first = fc.init("vae", client_run_id="resume-me", mode="offline", spool_dir=spool_dir, install_handlers=False)
            first.log({"elbo": -30.0}, step=1)
            first.flush()
            first._stop.set()
            with open(first.spool.path, "a", encoding="utf-8") as handle:
                handle.write('{"type": "batch", "seq": 99, "poi')  # a crash mid-write
            second = fc.init("vae", client_run_id="resume-me", mode="offline", spool_dir=spool_dir, install_handlers=False)
            second.log({"elbo": -29.0}, step=2)
            second.finish()
            batches = [r for r in fc.read_spool(second.spool.path) if r["type"] == "batch"]
            self.assertEqual([b["seq"] for b in batches], [1, 2])
            self.assertEqual(sum(1 for r in fc.read_spool(second.spool.path) if r["type"] == "run"), 1)

    def test_online_without_settings_says_what_to_set(self):
        saved = {name: os.environ.pop(name, None) for name in ("FELLOWSHIP_URL", "FELLOWSHIP_TOKEN")}
        os.environ["FELLOWSHIP_CONFIG"] = os.path.join(tempfile.gettempdir(), "no-such-fellowship-config.json")
        try:
            with tempfile.TemporaryDirectory() as spool_dir:
                with self.assertRaises(fc.FellowshipError) as caught:
                    fc.init("vae", mode="online", spool_dir=spool_dir, install_handlers=False)
                self.assertIn("FELLOWSHIP_URL", str(caught.exception))
        finally:
            os.environ.pop("FELLOWSHIP_CONFIG", None)
            for name, value in saved.items():
                if value is not None:
                    os.environ[name] = value

    def test_adapters_say_which_framework_they_need(self):
        if "lightning" in sys.modules or "pytorch_lightning" in sys.modules:
            self.skipTest("Lightning is installed here")
        with self.assertRaises(ImportError) as caught:
            fc.FellowshipLogger  # noqa: B018
        self.assertIn("lightning", str(caught.exception))


if __name__ == "__main__":
    unittest.main()


class ImageTest(unittest.TestCase):
    PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00\x00\x00\x02\x00\x00\x00\x02" + b"\x08\x02\x00\x00\x00"
    JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 20

    def test_detects_png_and_jpeg_from_the_bytes(self):
        self.assertEqual(fc.image_content_type(self.PNG), "image/png")
        self.assertEqual(fc.image_content_type(self.JPEG), "image/jpeg")
        with self.assertRaises(fc.FellowshipError):
            fc.image_content_type(b"GIF89a" + b"\x00" * 10)

    def test_offline_images_are_kept_in_the_spool(self):
        import base64

        with tempfile.TemporaryDirectory() as spool_dir:
            run = fc.init("vae", mode="offline", spool_dir=spool_dir, install_handlers=False)
            run.log({"elbo": -30.0}, step=5)
            run.log_image("samples", self.PNG, step=5)
            run.log_image("samples", self.JPEG, step=10)
            run.finish()
            images = [record for record in fc.read_spool(run.spool.path) if record["type"] == "image"]
            self.assertEqual([(r["name"], r["step"], r["content_type"]) for r in images], [("samples", 5, "image/png"), ("samples", 10, "image/jpeg")])
            self.assertEqual(base64.b64decode(images[0]["data"]), self.PNG)

    def test_refuses_what_is_not_an_image_or_too_large(self):
        with tempfile.TemporaryDirectory() as spool_dir:
            run = fc.init("vae", mode="offline", spool_dir=spool_dir, install_handlers=False)
            with self.assertRaises(fc.FellowshipError):
                run.log_image("samples", b"not an image")
            with self.assertRaises(fc.FellowshipError):
                run.log_image("samples", self.PNG + b"\x00" * (5 * 1024 * 1024))
            run.finish()

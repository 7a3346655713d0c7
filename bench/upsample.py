"""Is the exact rewrite of a 2x2, stride-2 transposed convolution (a 1x1 convolution to four times the channels, then a
pixel shuffle) faster? Times ResNet34_UNet's five decoder upsamplings (batch 16, 256-px input, 2 threads) both ways in
eager PyTorch (fp32, channels_last) and in ONNX Runtime (fp32, and int8 quantised by `petseg-export`'s
`quantize_int8`), after checking that both ways give the same output. Prints a table; asserts nothing but the equality.
Run: python bench/upsample.py [--batches 10] > bench/results_upsample.md"""
import argparse, tempfile, warnings
from pathlib import Path
import torch, torch.nn as nn, torch.nn.functional as F
from petseg.models import machine_info, OnnxModel
from petseg.export import quantize_int8
from infer import eager, images_per_s

class ShuffleUp(nn.Module):
    "The transposed conv `up` (kernel 2, stride 2) computed as a 1x1 conv to 4x the channels and a pixel shuffle."
    def __init__(self, up):
        super().__init__(); self.up = up
    def forward(self, x):
        w = self.up.weight.permute(1, 2, 3, 0).reshape(-1, self.up.in_channels, 1, 1)  # (out*4, in): out, dy, dx
        return F.pixel_shuffle(F.conv2d(x, w, self.up.bias.repeat_interleave(4)), 2)

def onnx_model(model, x, fname, int8=False):
    "`model` exported to ONNX at `fname` (int8: quantised, calibrated on `x`), run by ONNX Runtime on 2 threads."
    from onnxruntime.quantization import CalibrationDataReader
    class OnBatch(CalibrationDataReader):
        def __init__(self): self.left = [{'x': x.numpy()}]
        def get_next(self): return self.left.pop() if self.left else None
    torch.onnx.export(model, (x,), fname, input_names=['x'], opset_version=17, dynamo=False)
    if int8: fname = quantize_int8(fname, fname.with_suffix('.int8.onnx'), calibration=OnBatch())
    return OnnxModel(fname, threads=2)

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0]); p.add_argument('--batches', type=int, default=10)
    n = p.parse_args().batches
    warnings.filterwarnings('ignore'); torch.set_num_threads(2); torch.manual_seed(0)
    print(f"# 2x2 stride-2 transposed conv vs 1x1 conv + pixel shuffle\n\n{machine_info()}, torch CPU capability "
          f"{torch.backends.cpu.get_cpu_capability()}; ResNet34_UNet's decoder upsamplings, batch 16, ms per call\n")
    print("| in channels | input size | eager ConvTranspose | eager shuffle | ORT fp32 ConvTranspose | ORT fp32 shuffle "
          "| ORT int8 ConvTranspose | ORT int8 shuffle |\n|---|---|---|---|---|---|---|---|")
    scratch = tempfile.TemporaryDirectory()  # the ONNX files, removed at exit
    total, d = [0.] * 6, Path(scratch.name)
    for ni, r in ((512, 8), (256, 16), (128, 32), (64, 64), (32, 128)):
        up, x = nn.ConvTranspose2d(ni, ni // 2, 2, stride=2), torch.randn(16, ni, r, r)
        with torch.no_grad(): torch.testing.assert_close(ShuffleUp(up)(x), up(x))
        pair, cl = (up, ShuffleUp(up)), x.contiguous(memory_format=torch.channels_last)  # eager's layout: no copy per call
        runs = ([(eager(m), cl) for m in pair] + [(onnx_model(m, x, d/f'{ni}{type(m).__name__}.onnx'), x) for m in pair] +
                [(onnx_model(m, x, d/f'{ni}{type(m).__name__}.onnx', int8=True), x) for m in pair])
        ms = [1e3 * len(x) / images_per_s(fn, inp, n) for fn, inp in runs]
        total = [a + b for a, b in zip(total, ms)]
        print(f"| {ni} | {r}x{r} | " + " | ".join(f"{v:.1f}" for v in ms) + " |", flush=True)
    print("| all five | | " + " | ".join(f"**{v:.1f}**" for v in total) + " |")

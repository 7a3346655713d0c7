"""A clip for Chromium's fake camera (`--use-file-for-fake-video-capture=CLIP.y4m`): each photo held for some frames,
cropped to fill the frame as a camera would frame it, in the YUV4MPEG2 format (4:2:0) that Chromium reads.
Usage: python tools/fake_camera.py OUT.y4m PHOTO... [--size 640x480] [--frames 20]"""
import argparse
import numpy as np
from PIL import Image, ImageOps

def frame(photo, size):
    "`photo` scaled and centre-cropped to fill `size` (width, height), as an RGB image."
    return ImageOps.fit(ImageOps.exif_transpose(Image.open(photo)).convert('RGB'), size)

def yuv420(im):
    "The Y, U and V planes of RGB image `im`, chroma halved in each direction, as bytes."
    y, u, v = (np.asarray(c) for c in im.convert('YCbCr').split())
    half = lambda c: c.reshape(c.shape[0] // 2, 2, c.shape[1] // 2, 2).mean(axis=(1, 3)).round().astype(np.uint8)
    return y.tobytes() + half(u).tobytes() + half(v).tobytes()

def write_clip(out, photos, size=(640, 480), frames=20, fps=10):
    "Write the clip: each of `photos` for `frames` frames at `fps`."
    with open(out, 'wb') as f:
        f.write(f'YUV4MPEG2 W{size[0]} H{size[1]} F{fps}:1 Ip A1:1 C420jpeg\n'.encode())
        for photo in photos:
            planes = yuv420(frame(photo, size))
            for _ in range(frames): f.write(b'FRAME\n' + planes)
    return out

if __name__ == '__main__':
    a = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    a.add_argument('out'); a.add_argument('photos', nargs='+'); a.add_argument('--size', default='640x480'); a.add_argument('--frames', type=int, default=20)
    args = a.parse_args()
    write_clip(args.out, args.photos, tuple(map(int, args.size.split('x'))), args.frames)

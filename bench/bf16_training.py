"""Does bfloat16 training on a CPU reach float32's accuracy? Trains the committed ResNet34_UNet recipe
(`petseg.training.recipe_command`) with `--precision bf16` into OUT (resuming a run there that was interrupted; a
finished one is scored as it is), scores its best checkpoint with `petseg-evaluate --precision fp32` on the
validation and test splits, as the committed float32 checkpoint's JSON was, and writes both side by side to
bench/results_bf16_training.json, which the results page reads.
Run from the repository root: python bench/bf16_training.py [--out runs/r34_bf16] [--model resnet34_unet] [--conditions TEXT]
This is a benchmark, not a test: it prints measurements and asserts nothing. The recipe takes about an hour on two cores."""
import argparse, json, shlex, subprocess
from datetime import date
from pathlib import Path
from petseg.compute import processor
from petseg.models import checkpoint_info, machine_info, git_commit
from petseg.training import recipe_command, run_files

def scores(ckpt, split, breeds):
    "The scores `petseg-evaluate --precision fp32` prints for checkpoint `ckpt` on `split`."
    r = subprocess.run(['petseg-evaluate', '--model', str(ckpt), '--split', split, '--breeds', breeds, '--precision', 'fp32'],
                       capture_output=True, text=True, check=True)
    return {l.rsplit(None, 1)[0].strip(): float(l.split()[-1]) for l in r.stdout.splitlines() if l.startswith('  ')}

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--out', default='runs/r34_bf16'); p.add_argument('--model', default='resnet34_unet')
    p.add_argument('--conditions', help='what else ran on the machine during the training, recorded beside its time')
    a = p.parse_args()
    files, committed = run_files(a.out, a.model), checkpoint_info(f'models/{a.model}.pth')
    command = f"{recipe_command(a.model)} --precision bf16"  # into --out
    if not files.json.exists():
        subprocess.run([*shlex.split(command), '--out', a.out, *(['--resume'] if Path(a.out).exists() else [])], check=True)
    run = json.loads(files.json.read_text())
    result = dict(command=command, reproduce='python bench/bf16_training.py', date=str(date.today()), machine=machine_info(), processor=processor(), commit=git_commit(), conditions=a.conditions,
                  bf16={'precision': run['precision'], 'valid_dice': run['valid_dice'],
                        'stages_valid_dice': [s['valid_dice'] for s in run['stages']],
                        'training_seconds': run['total_training_seconds'],
                        'valid': scores(files.best, 'valid', committed['breeds']), 'test': scores(files.best, 'test', committed['breeds'])},
                  fp32={'checkpoint': f'models/{a.model}.pth', 'valid_dice': committed['valid_dice'],
                        'stages_valid_dice': [s['valid_dice'] for s in committed['stages']],
                        'training_seconds': committed['total_training_seconds'], 'machine': committed['machine'],
                        'valid': committed['scores']['valid'], 'test': committed['scores']['test']})
    Path('bench/results_bf16_training.json').write_text(json.dumps(result, indent=2))
    for k in ('bf16', 'fp32'):
        print(f"{k}: valid Dice {result[k]['valid']['Dice (dataset-level)']:.4f}, test Dice {result[k]['test']['Dice (dataset-level)']:.4f}, "
              f"{result[k]['training_seconds'] / 60:.0f} min")

if __name__ == '__main__': main()

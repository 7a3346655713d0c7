"""Train smp's and fastai's UNets (the peers) with petseg's own pipeline and recipe, then score every run the same way.

The peers are segmentation_models_pytorch's `Unet("resnet34", encoder_weights=None)` and the model fastai's
`unet_learner(dls, resnet34, pretrained=False)` builds (`create_unet_model`, a DynamicUnet). Each is registered
in `petseg.models.MODELS` under a name of its own and trained by `petseg.training.train`, so data, split,
augmentation, loss, optimiser, schedule, metrics, checkpointing and resume are exactly those of `petseg-train`.

Recipe: the committed models' (`petseg.training.RECIPES`, the one place it is written), run stage by stage: a one-cycle
run at 128 px, then runs at 256 px, each starting from the previous run's best weights. The peers follow ResNet34_UNet's recipe; a model slower than it gets fewer
epochs, so that each stage fits the time ResNet34_UNet took for it (the "same time budget"); it never gets more.
petseg's own models are trained with `petseg-train`, from the commands `peers.py commands` prints (bench/train_all.sh).

Run (from the repository root, PETSEG_DATA set):
  python bench/peers.py commands              # the petseg-train stages of petseg's models, for bench/train_all.sh
  python bench/peers.py train smp_unet        # every stage; rerun to resume after a crash
  python bench/peers.py train fastai_unet
  python bench/peers.py report [MODEL ...]    # scores all runs (or these) -> bench/results_peers.md and .json
This is a benchmark: it prints measurements and asserts nothing.
"""
import argparse, json, time
from datetime import date
from pathlib import Path
import pandas as pd, torch
from petseg.models import MODELS, extra_models, machine_info
from petseg.unet import count_params
from petseg.training import train, run_files, pet_learner, parse_schedule, RECIPES as TRAINING_RECIPES
from petseg.callbacks import read_history
from petseg.data import pet_dataloaders
from petseg.evaluation import evaluate

def smp_unet():
    import segmentation_models_pytorch as smp
    return smp.Unet('resnet34', encoder_weights=None, classes=1)

def fastai_unet():
    from fastai.vision.all import create_unet_model, resnet34
    return create_unet_model(resnet34, 1, (256, 256), pretrained=False)  # what unet_learner builds for one output channel

PEERS = {'smp_unet': smp_unet, 'fastai_unet': fastai_unet}  # trained and scored inside `extra_models(**PEERS)`

def stages(model):
    "The committed `model`'s recipe (`petseg.training.RECIPES`) as one petseg-train run per stage, each from the previous best."
    recipe = TRAINING_RECIPES[model]
    net = {k: recipe[k] for k in ('width', 'depth') if k in recipe}
    return [dict(img_size=size, epochs=epochs, learning_rate=lr, **net) for size, epochs, lr in parse_schedule(recipe['schedule'])]

RECIPES = {m: stages(m) for m in TRAINING_RECIPES}
BREEDS = TRAINING_RECIPES['resnet34_unet']['breeds']  # every run and score on the committed models' three breeds
REFERENCE = 'resnet34_unet'  # the peers' recipe and the time budget of each stage are this model's
RECIPE = RECIPES[REFERENCE]

def stage_names(recipe, prefix):
    "A run folder per stage: `prefix_SIZE`, with a 'b' for each earlier stage at the same size."
    sizes = [s['img_size'] for s in recipe]
    return [f'{prefix}_{n}' + 'b' * sizes[:i].count(n) for i, n in enumerate(sizes)]

OURS = {'resnet34_unet': stage_names(RECIPES['resnet34_unet'], 'runs/r34'), 'unet': stage_names(RECIPES['unet'], 'runs/unet5')}
def stage_dirs(model): return OURS.get(model) or stage_names(RECIPE, f'runs/{model}')

def epoch_seconds(run_dir, model):
    "Median wall time of one epoch (training + validation) of a finished run, from its history."
    t = read_history(run_files(run_dir, model).csv).time
    return pd.to_timedelta('00:' + t.astype(str)).dt.total_seconds().median()

def measured_epoch_seconds(model, dls):
    "Wall time of a full epoch (training and validation) of a throwaway learner of `model`, after a warm-up epoch."
    learn = pet_learner(dls, model)
    with learn.no_bar(), learn.no_logging():
        learn.fit(1, 1e-4)  # the first epoch is slower (allocations, kernel choice); the budget compares median epochs
        start = time.perf_counter(); learn.fit(1, 1e-4)
    return time.perf_counter() - start

def known_epoch_seconds(model, i):
    "Median epoch time of `model`'s finished earlier stage at stage `i`'s size, if there is one (no need to measure)."
    size, dirs = RECIPE[i]['img_size'], stage_dirs(model)
    done = [d for s, d in zip(RECIPE[:i], dirs) if s['img_size'] == size and run_files(d, model).json.exists()]
    return epoch_seconds(done[-1], model) if done else None

def budget_epochs(model, stage, i, bs=16):
    "Epochs of `stage` that fit the reference model's time for it, at most the recipe's epochs."
    if model == REFERENCE: return stage['epochs']
    budget = stage['epochs'] * epoch_seconds(stage_dirs(REFERENCE)[i], REFERENCE)
    per_epoch = known_epoch_seconds(model, i) or measured_epoch_seconds(model, pet_dataloaders(size=stage['img_size'], bs=bs, breeds=BREEDS))
    n = min(stage['epochs'], max(1, int(budget // per_epoch)))
    print(f"{model} at {stage['img_size']} px: {per_epoch:.0f} s an epoch -> {n} epochs fit {budget:.0f} s", flush=True)
    return n

def train_peer(model):
    "Run (or resume) every stage of `RECIPE` for `model`."
    init = None
    for i, (stage, out) in enumerate(zip(RECIPE, stage_dirs(model))):
        files = run_files(out, model)
        done = files.json.exists()
        if not done:
            plan = Path(out)/'epochs.txt'  # the budgeted epoch count is fixed once, so a resume keeps it
            if not plan.exists(): plan.parent.mkdir(parents=True, exist_ok=True); plan.write_text(str(budget_epochs(model, stage, i)))
            train(model=model, epochs=int(plan.read_text()), learning_rate=stage['learning_rate'], img_size=stage['img_size'], out=out,
                  init=init, resume=files.last.exists(), quiet=True, breeds=BREEDS)
        init = files.best

def commands():
    "One `run OUT MODEL OPTIONS...` line per stage of petseg's models (bench/train_all.sh defines `run`)."
    for model, dirs in OURS.items():
        init = None
        for stage, out in zip(RECIPES[model], dirs):
            opts = ' '.join(f'--{k} {v}' for k, v in {'breeds': BREEDS, **stage}.items()) + (f' --init {init}' if init else '')
            print(f'run {out} {model} {opts}')
            init = run_files(out, model).best

def scores(model):
    "Training summary and valid/test scores (256 px protocol; also with flip TTA) of `model`'s final stage."
    dirs = stage_dirs(model)
    infos = [json.loads(run_files(d, model).json.read_text()) for d in dirs]
    best = run_files(dirs[-1], model).best
    res = dict(model=model, params_M=round(count_params(MODELS[model](**infos[-1]['model_kwargs'])) / 1e6, 1),
               epochs='+'.join(str(i['epochs_run']) for i in infos),
               resolution='→'.join(str(i['resolution']) for i in infos),
               train_minutes=round(sum(i['training_seconds'] for i in infos) / 60, 1),
               # median epoch time x epochs: the wall time without the slow epochs when the machine was shared
               median_pace_minutes=round(sum(epoch_seconds(d, model) * i['epochs_run'] for d, i in zip(dirs, infos)) / 60, 1))
    for split in ('valid', 'test'):
        s, _ = evaluate(best, model, img_size=256, split=split, full_res=split == 'test', breeds=BREEDS)
        res.update({f'{split} {k}': round(v, 4) for k, v in s.items() if 'Dice' in k or 'IoU (dataset' in k})
        s, _ = evaluate(best, model, img_size=256, split=split, tta=True, breeds=BREEDS)  # whether to use it is decided on valid
        res[f'{split} Dice (dataset-level) with flip TTA'] = round(s['Dice (dataset-level)'], 4)
    return res

def markdown(rows):
    "A markdown table of dicts with the same keys."
    cols = list(rows[0])
    return '\n'.join(['| ' + ' | '.join(cols) + ' |', '|' + '---|' * len(cols)] +
                     ['| ' + ' | '.join(str(r[c]) for c in cols) + ' |' for r in rows])

def write_report(rows, out='bench/results_peers'):
    Path(out + '.json').write_text(json.dumps(rows, indent=2))
    head = (f"# {machine_info()}, {date.today()}. Same data, pipeline, recipes {RECIPES} (peers: {REFERENCE}'s) and time budget; 256 px protocol; "
            f"valid = 30 trainval images, test = 298 images (3-breed subset).\n\n")
    Path(out + '.md').write_text(head + markdown(rows) + '\n')

def report(models, out='bench/results_peers'):
    "Score `models` and rewrite the report; the rows of models not rescored are kept, so a retrained model is one run."
    old = {r['model']: r for r in json.loads(Path(out + '.json').read_text())} if Path(out + '.json').exists() else {}
    new = {m: scores(m) for m in models if run_files(stage_dirs(m)[-1], m).json.exists()}
    rows = [new.get(m) or old[m] for m in list(OURS) + list(PEERS) if m in new or m in old]
    write_report(rows, out)
    print(pd.DataFrame(rows).to_string(index=False))

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('action', choices=['commands', 'train', 'report'])
    p.add_argument('models', nargs='*', default=list(OURS) + list(PEERS))
    a = p.parse_args()
    torch.set_num_threads(2)
    with extra_models(**PEERS):
        if a.action == 'commands': commands()
        elif a.action == 'train':
            for m in a.models: train_peer(m)
        else: report(a.models)

if __name__ == '__main__': main()

from variants import *
base = [training_row(work[i].features) for i in fit]
def normed(row, fams=("w", "b"), scale=1.0):
    sq = sum(x * x for f, x in row.items() if f.split(":", 1)[0] in fams)
    n = math.sqrt(sq) if sq else 1.0
    return {f: (x / n * scale if f.split(":", 1)[0] in fams else x) for f, x in row.items()}
for scale in (3.0, 6.0, 10.0):
    show(f"norm wb x{scale}", oof_scores([normed(r, scale=scale) for r in base]))

#!/bin/bash
# bench/plot.sh PLOT.TSV OUT.PNG: bar chart of every figure, tree and ours normalized to the
# tree's median (so tree = 1), with min-max error bars. Needs gnuplot (gnuplot-nox).
set -euo pipefail
(($# == 2)) || { echo "usage: $0 PLOT.TSV OUT.PNG" >&2; exit 2; }
data=$1 out=$2
rows=$(grep -vc '^#' "$data" || true)
((rows > 0)) || { echo "plot.sh: no figure with both modules in $data" >&2; exit 1; }

gnuplot <<EOF
set terminal pngcairo size $((300 + 90 * rows)),560 font ",10"
set output "$out"
set title "bonding: ours vs in-tree (normalized to the in-tree median; bars: min-max; clipped to 1/8..8)"
set datafile separator "\t"
set style data histograms
set style histogram errorbars gap 1 lw 1
set style fill solid 0.7 border -1
set xtics rotate by -35 noenhanced
set ylabel "value / in-tree median (log scale)"
set logscale y 2
set yrange [0.125:8]
set grid ytics
set key top left
set arrow from graph 0, first 1 to graph 1, first 1 nohead dt 2 lc rgb "gray40"
plot "$data" using 2:3:4:xtic(1) title "in-tree" lc rgb "#4477aa", \
     "" using 5:6:7 title "ours" lc rgb "#ee6677"
EOF

#!/bin/bash
# Whole-fit times of every ../shared/reference case through the CLI (issue #4; see benchmarks/RESULTS.md).
# usage: benchmarks/scripts/reference-fit-times.sh THREADS [case ...]   (from the repository root, after mvn install)
#        JAR=/path/to/other/secr4j.jar benchmarks/scripts/reference-fit-times.sh ...   (another build, e.g. before/after:
#        plain java -jar, no class-data archive; SECR4J_CDS=0 runs the launcher without it too)
#        JAR=... JSA=/path/to/its.jsa ...   (that build with a class-data archive written for its jar, as the launcher
#        writes its own: java -Xint --add-modules jdk.incubator.vector -XX:ArchiveClassesAtExit=its.jsa -jar JAR fit
#        --captures examples/data/amur-leopard/captures.csv --traps examples/data/amur-leopard/traps.csv
#        --detector proximity --buffer 12000 --spacing 1000)
# Without JAR each fit runs through the ./secr4j launcher, as analysts run it (with its class-data archive).
set -u
S=$(cd "$(dirname "$0")/../../../shared" && pwd); ROOT=$(cd "$(dirname "$0")/../.." && pwd)
if [ -n "${JAR:-}" ]; then
  CLI=(java --add-modules jdk.incubator.vector ${JSA:+-XX:SharedArchiveFile=$JSA -Xlog:cds=off -Xlog:cds+dynamic=off} -jar "$JAR")
else CLI=("$ROOT/secr4j"); fi
R=$S/reference; D=$S/data
case_args() {
  case "$1" in
  blackbear_EX_hcov) echo "--captures $D/blackbear/captures.csv --traps $D/blackbear/traps.csv --detector proximity --detectfn EX --hcov sex --model g0~h2 --model sigma~h2 --model pmix~h2 --mask $R/$1_mask.csv";;
  captdata_EX) echo "--captures $D/captdata/captures.csv --traps $D/captdata/traps.csv --detector single --detectfn EX --mask $R/$1_mask.csv";;
  captdata_HHN) echo "--captures $D/captdata/captures.csv --traps $D/captdata/traps.csv --detector single --detectfn HHN --mask $R/$1_mask.csv";;
  captdata_HN) echo "--captures $D/captdata/captures.csv --traps $D/captdata/traps.csv --detector single --detectfn HN --mask $R/$1_mask.csv";;
  captdata_HN_CL) echo "--captures $D/captdata/captures.csv --traps $D/captdata/traps.csv --detector single --detectfn HN --cl --mask $R/$1_mask.csv";;
  captdata_HR) echo "--captures $D/captdata/captures.csv --traps $D/captdata/traps.csv --detector single --detectfn HR --mask $R/$1_mask.csv";;
  captdata_g0b) echo "--captures $D/captdata/captures.csv --traps $D/captdata/traps.csv --detector single --model g0~b --mask $R/$1_mask.csv";;
  captdata_g0t) echo "--captures $D/captdata/captures.csv --traps $D/captdata/traps.csv --detector single --model g0~t --mask $R/$1_mask.csv";;
  captdata_h2) echo "--captures $D/captdata/captures.csv --traps $D/captdata/traps.csv --detector single --model g0~h2 --mask $R/$1_mask.csv";;
  captdata_proximity) echo "--captures $D/captdata/captures.csv --traps $D/captdata/traps.csv --detector proximity --mask $R/$1_mask.csv";;
  countsim_HHN_poisson) echo "--captures $D/countsim/captures.csv --traps $D/countsim/traps.csv --detector count --detectfn HHN --binomN 0 --mask $R/$1_mask.csv";;
  deermouse_ESG_HN) echo "--captures $D/deermouse_ESG/captures.csv --traps $D/deermouse_ESG/traps.csv --detector multi --mask $R/$1_mask.csv";;
  hornedlizard_HHN) echo "--captures $D/hornedlizard/captures.csv --traps $D/hornedlizard/traps.csv --detector polygonX --detectfn HHN --mask $R/$1_mask.csv";;
  ovenbird_D1|ovenbird_DSession|ovenbird_g0b)
     m=""; t=""; for y in 2005 2006 2007 2008 2009; do m="$m --mask $R/$1_mask_$y.csv"; t="$t --traps $D/ovenbird/traps_$y.csv"; done
     x=""; [ $1 = ovenbird_DSession ] && x="--model D~Session"; [ $1 = ovenbird_g0b ] && x="--model g0~b"
     echo "--captures $D/ovenbird/captures.csv $t --detector multi $x $m";;
  possum_HN) echo "--captures $D/possum/captures.csv --traps $D/possum/traps.csv --detector single --mask $R/$1_mask.csv";;
  stoatDNA_EX) echo "--captures $D/stoatDNA/captures.csv --traps $D/stoatDNA/traps.csv --detector proximity --detectfn EX --mask $R/$1_mask.csv";;
  stoatDNA_HN) echo "--captures $D/stoatDNA/captures.csv --traps $D/stoatDNA/traps.csv --detector proximity --mask $R/$1_mask.csv";;
  stoatDNA_HN_multi) echo "--captures $D/stoatDNA/captures.csv --traps $D/stoatDNA/traps.csv --detector multi --mask $R/$1_mask.csv";;
  stoatDNA_HN_nofast) echo "--captures $D/stoatDNA/captures.csv --traps $D/stoatDNA/traps.csv --detector proximity --details fastproximity=FALSE --mask $R/$1_mask.csv";;
  refL) echo "--captures $R/refL/captures.csv --traps $R/refL/traps.csv --detector proximity --occasions 5 --mask $R/refL/refL_mask.csv";;
  esac
}
CASES="blackbear_EX_hcov captdata_EX captdata_HHN captdata_HN captdata_HN_CL captdata_HR captdata_g0b captdata_g0t captdata_h2 captdata_proximity countsim_HHN_poisson deermouse_ESG_HN hornedlizard_HHN ovenbird_D1 ovenbird_DSession ovenbird_g0b possum_HN stoatDNA_EX stoatDNA_HN stoatDNA_HN_multi stoatDNA_HN_nofast refL"
T=$1; shift; [ $# -gt 0 ] && CASES="$*"
for c in $CASES; do
  f=$R/$c.json; [ $c = refL ] && f=$R/refL/refL.json
  "${CLI[@]}" fit $(case_args $c) --threads $T --format json 2>/dev/null | python3 -c "
import json,sys
j=json.load(sys.stdin); r=json.load(open('$f')); t=r['timing']['fit_wall_s']
best=min(t['ncores1']['median_s'],t['ncores2']['median_s'])
print('%-22s T=$T fit %.3f s  secr best %.3f  ratio %.1f  dLL %.2e  evaluations %d'%('$c',j['timing']['fitSeconds'],best,best/j['timing']['fitSeconds'],j['logLik']-r['logLik'],j['optimizer']['evaluations']))"
done

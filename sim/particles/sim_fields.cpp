// The field tables of SimParams and its species and growth (engine/field_table.h): what
// scene files write and read, the panels merge and Simulation::validate checks.
#include "engine/field_table.h"
#include "sim/particles/simulation.h"

namespace tessera {

const FieldTable<SpeciesParams>& species_fields() {
  static const FieldTable<SpeciesParams> table = {
      TESSERA_NUMBER_FIELD(SpeciesParams, tau, "", -kUnbounded, kUnbounded, kClosed,
                           "correction gain: velocity per unit OT gradient, or rate toward the barycentre"),
      TESSERA_NUMBER_FIELD(SpeciesParams, tau_radius_exponent, "", -kUnbounded, kUnbounded, kClosed,
                           "per-cell gain tau / R_i^k: the exponent k"),
      TESSERA_NUMBER_FIELD(SpeciesParams, cost_radius_exponent, "", -kUnbounded, kUnbounded, kClosed,
                           "per-cell cost constant C stiffness_i / R_i^k: the exponent k"),
      TESSERA_NUMBER_FIELD(SpeciesParams, v0, "box units / time", -kUnbounded, kUnbounded, kClosed,
                           "self-propulsion speed along the axis"),
      TESSERA_NUMBER_FIELD(SpeciesParams, rotational_diffusion, "1 / time", 0, kUnbounded, kClosed,
                           "rotational noise D_r of the axis"),
      TESSERA_NUMBER_FIELD(SpeciesParams, tumble_rate, "1 / time", 0, kUnbounded, kClosed,
                           "run-and-tumble rate: new random axes at this rate"),
      TESSERA_NUMBER_FIELD(SpeciesParams, steering_noise, "1 / time", 0, kUnbounded, kClosed,
                           "noise of the steered axis, when the scene has a steering target"),
      TESSERA_BOOL_FIELD(SpeciesParams, axis_from_shape, "re-read the axis from the cell's shape each step"),
      TESSERA_BOOL_FIELD(SpeciesParams, aspect_from_shape, "3D: re-read the aspect ratio from the shape as well"),
      TESSERA_NUMBER_FIELD(SpeciesParams, aspect_min, "", 1, kUnbounded, kClosed, "3D aspect update: lower clamp"),
      TESSERA_NUMBER_FIELD(SpeciesParams, aspect_max, "", 1, kUnbounded, kClosed, "3D aspect update: upper clamp"),
  };
  return table;
}

const FieldTable<SimParams>& sim_fields() {
  using P = SimParams;
  static const FieldTable<P> table = {
      with_key("void", TESSERA_BOOL_FIELD(P, with_void, "a medium takes the pixels no cell claims")),
      TESSERA_NUMBER_FIELD(P, dt, "time", 0, kUnbounded, kOpenMin, "time step"),
      TESSERA_CHOICE_FIELD(P, correction, Correction, kCorrectionNames,
                           "incompressibility correction: the OT force, or a relaxation toward the barycentre"),
      TESSERA_CHOICE_FIELD(P, correction_step, CorrectionStep, kCorrectionStepNames,
                           "the force's Euler step: explicit, or semi-implicit (stops short of the barycentre)"),
      TESSERA_CHOICE_FIELD(P, force_sum, ForceSum, kForceSumNames,
                           "the force's lattice sum: over the cell, or minus the free shape (contacts only)"),
      TESSERA_CHOICE_FIELD(P, barycenter, Barycenter, kBarycenterNames,
                           "barycentric correction's target: the plain or the cost-weighted barycentre"),
      TESSERA_NUMBER_FIELD(P, correction_gain, "", -kUnbounded, kUnbounded, kClosed, "multiplies the correction"),
      TESSERA_NUMBER_FIELD(P, center_drift, "box units / time", -kUnbounded, kUnbounded, kClosed,
                           "speed of every seed's drift toward drift_center"),
  };
  return table;
}

const FieldTable<GrowthParams>& growth_fields() {
  using G = GrowthParams;
  static const FieldTable<G> table = {
      TESSERA_NUMBER_FIELD(G, speed, "volume fraction / time", 0, kUnbounded, kClosed,
                           "growth of v_i per time unit, times the cell's growth factor"),
      TESSERA_NUMBER_FIELD(G, divide_above, "", 0, kUnbounded, kClosed,
                           "cells above this fraction of mature_volume may divide"),
      TESSERA_NUMBER_FIELD(G, division_rate, "1 / time", 0, kUnbounded, kClosed, "division rate of a mature cell"),
      TESSERA_NUMBER_FIELD(G, division_offset, "box units", 0, kUnbounded, kClosed,
                           "distance between the daughters' seeds, along the axis"),
  };
  return table;
}

const FieldTable<SimParams>& growth_limit_fields() {
  using P = SimParams;
  static const FieldTable<P> table = {
      TESSERA_NUMBER_FIELD(P, mature_volume, "volume fraction", 0, 1, kOpenMax,
                           "volume a cell grows to (> 0 when growth is on)"),
      TESSERA_INTEGER_FIELD(P, max_cells, "", 0, 1e9, "no division once there are this many cells"),
  };
  return table;
}

}  // namespace tessera

// The shape every slice is written against: zustand's set and get over the part of the state the slice owns.
// A slice file exports its state type, its empty state and a function that makes its actions from set/get;
// src/store/index.ts composes them into the one store. Slices import nothing from each other or from index.
export type SetState<S> = (partial: Partial<S>) => void;
export type GetState<S> = () => S;

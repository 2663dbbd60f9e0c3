// The relay lease moved to the SDK with the rest of bindings.
export { Lease, type LeaseOptions } from '../sdk/binding/lease.ts';

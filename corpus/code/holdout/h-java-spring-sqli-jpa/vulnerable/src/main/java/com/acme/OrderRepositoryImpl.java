package com.acme;

import jakarta.persistence.EntityManager;
import java.util.List;

public class OrderRepositoryImpl {
    private final EntityManager em;

    public OrderRepositoryImpl(EntityManager em) {
        this.em = em;
    }

    public List<?> byCustomer(String customer) {
        return em.createQuery("SELECT o FROM Order o WHERE o.customer = '" + customer + "'").getResultList();
    }
}
